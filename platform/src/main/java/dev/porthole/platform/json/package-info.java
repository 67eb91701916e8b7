/** JSON trees for plugins: read into and write from JDK types, so no serializer cache holds a plugin class. */
package dev.porthole.platform.json;
