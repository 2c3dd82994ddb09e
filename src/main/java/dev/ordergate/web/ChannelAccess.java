package dev.ordergate.web;

/**
 * Which channels' orders the current caller may submit and read. Security decides who the caller is; the API
 * only asks, so the order package knows nothing about tokens.
 */
public interface ChannelAccess {

    /** True when the caller may act on orders of this channel. */
    boolean permits(String channel);
}
