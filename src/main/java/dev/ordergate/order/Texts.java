package dev.ordergate.order;

/** Free text cut to what a column, a process variable or a mail line holds. */
public final class Texts {

    private static final String MORE = "...";

    private Texts() {
    }

    /** The text itself when it fits, else its start and "..." in at most {@code max} characters; null stays null. */
    public static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - MORE.length()) + MORE;
    }
}
