/**
 * The catalog of every route the platform serves, its own controllers and the routes plugins registered, each with
 * the access rule checked before it runs ({@code GET /api/routes}).
 */
package dev.porthole.platform.routes;
