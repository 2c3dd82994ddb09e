package dev.ordergate.edi;

/**
 * What is wrong with an interchange, where: the segment (tag, position in its message or interchange), the element
 * (from 1; 0 for the segment as a whole), and the code the acknowledgement reports. {@code message} is the message's
 * control number, null for envelope errors.
 */
record EdiError(String message, String segment, int segmentPosition, int element, Code code, String detail) {

    /**
     * One list for both standards, each with the codes the acknowledgements report: X12's 997/999 segment (AK304/IK304),
     * element (AK403/IK403), transaction set (AK502/IK502) and functional group (AK905) codes, and EDIFACT's CONTRL
     * syntax error code (0085).
     */
    enum Code {
        SYNTAX("unreadable: truncated, or wrong delimiters or segment terminators", "8", "6", "5", "1", "18"),
        CONTROL_COUNT("control count does not match what was received", "8", "7", "4", "5", "29"),
        CONTROL_REFERENCE("control reference in header and trailer do not match", "8", "7", "3", "4", "28"),
        UNKNOWN_PARTNER("sender is not a trading partner", "8", "7", "5", "1", "23"),
        UNSUPPORTED_MESSAGE("message type or version not supported", "6", "7", "1", "2", "2"),
        MISSING("mandatory segment or element missing", "3", "1", "5", "1", "13"),
        INVALID_VALUE("invalid value", "8", "7", "5", "1", "12"),
        UNKNOWN_ITEM("item is not in the partner's catalogue", "8", "7", "5", "1", "12");

        final String description;
        final String ak304;
        final String ak403;
        final String ak502;
        final String ak905;
        final String contrl;

        Code(String description, String ak304, String ak403, String ak502, String ak905, String contrl) {
            this.description = description;
            this.ak304 = ak304;
            this.ak403 = ak403;
            this.ak502 = ak502;
            this.ak905 = ak905;
            this.contrl = contrl;
        }
    }

    String describe() {
        return (segment == null ? "" : segment + (segmentPosition > 0 ? " (segment " + segmentPosition + ")" : "")
                + (element > 0 ? " element " + element : "") + ": ") + code.description
                + (detail == null ? "" : " (" + detail + ")");
    }
}
