/** Users, their roles, password hashing, the first admin, and the admin API {@code /api/users}. */
package dev.porthole.platform.users;
