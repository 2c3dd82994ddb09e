package dev.ordergate.edi;

import java.util.ArrayList;
import java.util.List;

/**
 * The functional acknowledgement of an interchange: a 997 (X12 4010), a 999 (X12 5010) or a CONTRL (EDIFACT). It
 * accepts every message, or rejects with each error's segment, position and element and the standard's codes. An
 * interchange is taken whole or not at all, so in a rejected one every message is reported rejected; those without
 * errors of their own carry no error code.
 */
final class Acknowledgements {

    static final String X12_999_VERSION = "005010X231A1";
    static final String CONTRL_TYPE = "CONTRL:D:3:UN";

    record Ack(String type, String text) {
    }

    private Acknowledgements() {
    }

    static Ack of(Interchange in, List<EdiError> errors, EdiWriter.Envelope envelope) {
        return in.standard() == Interchange.Standard.X12 ? x12(in, errors, envelope) : contrl(in, errors, envelope);
    }

    private static Ack x12(Interchange in, List<EdiError> errors, EdiWriter.Envelope envelope) {
        boolean five = in.fiveOhTen();
        boolean accepted = errors.isEmpty();
        List<EdiWriter.Segment> body = new ArrayList<>();
        String group = in.groupControlNumber() == null ? in.controlNumber() : in.groupControlNumber();
        body.add(five ? new EdiWriter.Segment("AK1", "PO", group, in.groupVersion())
                : new EdiWriter.Segment("AK1", "PO", group));
        for (Interchange.Message message : in.messages()) {
            // AK203 echoes ST03, the implementation convention, when the set named one of its own.
            boolean ownConvention = five && !message.version().equals(in.groupVersion());
            body.add(ownConvention ? new EdiWriter.Segment("AK2", message.type(), message.controlNumber(), message.version())
                    : new EdiWriter.Segment("AK2", message.type(), message.controlNumber()));
            List<EdiError> own = errors.stream().filter(e -> message.controlNumber().equals(e.message())).toList();
            for (EdiError e : own) {
                // A trailer's count or reference is the transaction set's error (AK502 3 or 4), not a data error.
                boolean trailer = e.code() == EdiError.Code.CONTROL_COUNT || e.code() == EdiError.Code.CONTROL_REFERENCE;
                if (e.segment() != null && !trailer) {
                    body.add(new EdiWriter.Segment(five ? "IK3" : "AK3", e.segment(), String.valueOf(e.segmentPosition()),
                            "", e.code().ak304));
                    if (e.element() > 0) {
                        body.add(new EdiWriter.Segment(five ? "IK4" : "AK4", String.valueOf(e.element()), "",
                                e.code().ak403));
                    }
                }
            }
            body.add(accepted ? new EdiWriter.Segment(five ? "IK5" : "AK5", "A")
                    : own.isEmpty() ? new EdiWriter.Segment(five ? "IK5" : "AK5", "R")
                    : new EdiWriter.Segment(five ? "IK5" : "AK5", "R", own.get(0).code().ak502));
        }
        String count = String.valueOf(in.messages().size());
        EdiError envelopeError = errors.stream().filter(e -> e.message() == null).findFirst().orElse(null);
        body.add(accepted ? new EdiWriter.Segment("AK9", "A", count, count, count)
                : envelopeError == null ? new EdiWriter.Segment("AK9", "R", count, count, "0")
                : new EdiWriter.Segment("AK9", "R", count, count, "0", envelopeError.code().ak905));
        String type = five ? "999" : "997";
        String text = EdiWriter.x12(envelope, "FA", five ? X12_999_VERSION : "004010",
                List.of(new EdiWriter.Transaction(type, five ? X12_999_VERSION : null, body)));
        return new Ack(type, text);
    }

    private static Ack contrl(Interchange in, List<EdiError> errors, EdiWriter.Envelope envelope) {
        boolean accepted = errors.isEmpty();
        List<EdiWriter.Segment> body = new ArrayList<>();
        EdiError envelopeError = errors.stream().filter(e -> e.message() == null).findFirst().orElse(null);
        String[] sender = {in.sender(), in.senderQualifier()};
        String[] recipient = {in.receiver(), in.receiverQualifier()};
        body.add(envelopeError == null
                ? new EdiWriter.Segment("UCI", in.controlNumber(), sender, recipient, accepted ? "7" : "4")
                : new EdiWriter.Segment("UCI", in.controlNumber(), sender, recipient, "4", envelopeError.code().contrl,
                        envelopeError.segment() == null ? "" : envelopeError.segment(),
                        envelopeError.element() > 0 ? String.valueOf(envelopeError.element()) : ""));
        for (Interchange.Message message : in.messages()) {
            List<EdiError> own = errors.stream().filter(e -> message.controlNumber().equals(e.message())).toList();
            String[] version = message.version().split("\\.");
            String[] messageId = {message.type(), version[0], version.length > 1 ? version[1] : "", "UN"};
            if (accepted || own.isEmpty()) {
                body.add(new EdiWriter.Segment("UCM", message.controlNumber(), messageId, accepted ? "7" : "4"));
                continue;
            }
            body.add(new EdiWriter.Segment("UCM", message.controlNumber(), messageId, "4", own.get(0).code().contrl));
            for (EdiError e : own) {
                if (e.segment() != null) {
                    body.add(new EdiWriter.Segment("UCS", String.valueOf(e.segmentPosition()), e.code().contrl));
                    if (e.element() > 0) {
                        body.add(new EdiWriter.Segment("UCD", e.code().contrl, String.valueOf(e.element())));
                    }
                }
            }
        }
        return new Ack("CONTRL", EdiWriter.edifact(envelope, List.of(new EdiWriter.Transaction(CONTRL_TYPE, null, body))));
    }
}
