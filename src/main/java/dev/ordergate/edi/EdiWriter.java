package dev.ordergate.edi;

import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes our documents (acknowledgements, 855/ORDRSP, 856/DESADV, 810/INVOIC) with StAEDI, which escapes or refuses
 * delimiters in the data. The envelope (ISA/GS/GE/IEA, UNB/UNZ) and the counts in the trailers (SE01, GE01, IEA01,
 * UNT, UNZ) are filled in here, so a document is only its segments.
 */
final class EdiWriter {

    /** An element is a String, or a String[] of components. */
    record Segment(String tag, Object... elements) {
    }

    /** Who to, from whom, and our control number for the interchange (and for its one group). */
    record Envelope(Interchange.Standard standard, String syntaxVersion, String ourId, String ourQualifier,
                    String partnerId, String partnerQualifier, long controlNumber, LocalDateTime at) {
    }

    private static final EDIOutputFactory FACTORY = EDIOutputFactory.newFactory();

    static {
        FACTORY.setProperty(EDIOutputFactory.PRETTY_PRINT, true);
    }

    private EdiWriter() {
    }

    /**
     * @param functionalId GS01: FA (acknowledgements), PR (855), SH (856), IN (810)
     * @param gsVersion    GS08, e.g. 004010 or 005010X231A1
     * @param transactions each a transaction set's segments from ST's first element on, without ST and SE: type first
     */
    static String x12(Envelope env, String functionalId, String gsVersion, List<Transaction> transactions) {
        String control = "%09d".formatted(env.controlNumber());
        String group = String.valueOf(env.controlNumber());
        List<Segment> all = new ArrayList<>();
        all.add(new Segment("ISA", "00", " ".repeat(10), "00", " ".repeat(10), pad(env.ourQualifier(), 2),
                pad(env.ourId(), 15), pad(env.partnerQualifier(), 2), pad(env.partnerId(), 15),
                env.at().format(DateTimeFormatter.ofPattern("yyMMdd")), env.at().format(DateTimeFormatter.ofPattern("HHmm")),
                env.syntaxVersion().compareTo("00501") >= 0 ? "^" : "U", env.syntaxVersion(), control, "0", "P", ">"));
        all.add(new Segment("GS", functionalId, env.ourId(), env.partnerId(),
                env.at().format(DateTimeFormatter.BASIC_ISO_DATE), env.at().format(DateTimeFormatter.ofPattern("HHmm")),
                group, "X", gsVersion));
        int number = 1;
        for (Transaction t : transactions) {
            String st = "%04d".formatted(number++);
            List<Object> head = new ArrayList<>(List.of(t.type(), st));
            if (t.implementation() != null) {
                head.add(t.implementation());
            }
            all.add(new Segment("ST", head.toArray()));
            all.addAll(t.segments());
            all.add(new Segment("SE", String.valueOf(t.segments().size() + 2), st));
        }
        all.add(new Segment("GE", String.valueOf(transactions.size()), group));
        all.add(new Segment("IEA", "1", control));
        return write(all);
    }

    /** An EDIFACT interchange (UNA, syntax UNOA:2 or as the partner sent) with its messages. */
    static String edifact(Envelope env, List<Transaction> messages) {
        String control = String.valueOf(env.controlNumber());
        String[] syntax = env.syntaxVersion().split(":");
        List<Segment> all = new ArrayList<>();
        all.add(new Segment("UNB", new String[] {syntax[0], syntax.length > 1 ? syntax[1] : "2"},
                components(env.ourId(), env.ourQualifier()), components(env.partnerId(), env.partnerQualifier()),
                new String[] {env.at().format(DateTimeFormatter.ofPattern("yyMMdd")),
                        env.at().format(DateTimeFormatter.ofPattern("HHmm"))}, control));
        int number = 1;
        for (Transaction m : messages) {
            String ref = String.valueOf(number++);
            all.add(new Segment("UNH", ref, m.type().split(":")));
            all.addAll(m.segments());
            all.add(new Segment("UNT", String.valueOf(m.segments().size() + 2), ref));
        }
        all.add(new Segment("UNZ", String.valueOf(messages.size()), control));
        return "UNA:+.? '\n" + write(all);
    }

    /**
     * One transaction set or message: {@code type} is ST01 (997, 855 ...) or UNH02 (CONTRL:D:3:UN ...);
     * {@code implementation} ST03 where the version needs it (999 in 5010).
     */
    record Transaction(String type, String implementation, List<Segment> segments) {
    }

    private static String[] components(String id, String qualifier) {
        return qualifier == null || qualifier.isBlank() ? new String[] {id} : new String[] {id, qualifier};
    }

    private static String pad(String value, int width) {
        String v = value == null ? "" : value;
        return v.length() >= width ? v.substring(0, width) : v + " ".repeat(width - v.length());
    }

    private static String write(List<Segment> segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EDIStreamWriter writer = FACTORY.createEDIStreamWriter(out)) {
            writer.startInterchange();
            for (Segment segment : segments) {
                writer.writeStartSegment(segment.tag());
                for (Object element : segment.elements()) {
                    if (element instanceof String[] components) {
                        writer.writeStartElement();
                        for (String component : components) {
                            writer.startComponent().writeElementData(component == null ? "" : component).endComponent();
                        }
                        writer.endElement();
                    } else {
                        writer.writeElement(element == null ? "" : element.toString());
                    }
                }
                writer.writeEndSegment();
            }
            writer.endInterchange();
        } catch (EDIStreamException e) {
            throw new IllegalStateException("Cannot write EDI document: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
