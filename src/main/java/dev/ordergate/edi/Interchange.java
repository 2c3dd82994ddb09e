package dev.ordergate.edi;

import java.util.List;

/**
 * One interchange as read, envelope and messages, in neither standard's words: the mapping to our order reads the
 * segments by tag and position. Elements keep their components ({@code LIN+1++ACME-CAB-L:BP} has three elements,
 * the third with two components).
 */
record Interchange(Standard standard, String syntaxVersion, String sender, String senderQualifier, String receiver,
                   String receiverQualifier, String controlNumber, String groupControlNumber, String groupVersion,
                   List<Message> messages) {

    enum Standard { X12, EDIFACT }

    /** A transaction set (X12) or message (EDIFACT): ST02/UNH01, its type and version, its segments inside ST..SE. */
    record Message(String controlNumber, String type, String version, List<Segment> segments) {
    }

    /** {@code position} counts from 1 at the message's first segment (ST or UNH), as AK3/IK3 and UCS report it. */
    record Segment(String tag, int position, List<List<String>> elements) {

        /** Element {@code n} (from 1), its first component; "" when absent. */
        String element(int n) {
            return component(n, 1);
        }

        String component(int element, int component) {
            if (element > elements.size() || component > elements.get(element - 1).size()) {
                return "";
            }
            return elements.get(element - 1).get(component - 1);
        }
    }

    boolean fiveOhTen() {
        return standard == Standard.X12 && syntaxVersion.compareTo("00501") >= 0;
    }
}
