package dev.porthole.platform.users;

/** What a user may do on the platform as a whole. Admins manage users and see every host. */
public enum Role {
    ADMIN,
    USER
}
