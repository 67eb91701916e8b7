/** The container routes of spec 003 ({@code /api/containers}) and spec 004 ({@code /api/v1/containers}). */
package dev.porthole.plugins.containers.routes;
