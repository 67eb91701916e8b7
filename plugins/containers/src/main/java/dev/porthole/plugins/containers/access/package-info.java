/** Who a container request comes from (its client address behind trusted proxies) and how often it may come. */
package dev.porthole.plugins.containers.access;
