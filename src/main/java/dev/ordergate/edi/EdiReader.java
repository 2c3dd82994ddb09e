package dev.ordergate.edi;

import dev.ordergate.order.Texts;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an interchange with StAEDI, which checks the envelope as it goes (delimiters, ISA/GS/ST and UNB/UNH
 * structure, the control counts SE01, GE01, IEA01, UNT, UNZ and the control references). Every problem it reports is
 * kept with its segment and element, so the acknowledgement can name it; reading stops after a few.
 */
final class EdiReader {

    private static final int MAX_ERRORS = 10;
    private static final EDIInputFactory FACTORY = EDIInputFactory.newFactory();

    static {
        // Qualifiers in UNB and ISA vary by partner (ZZ, ZZZ, 01, 14 ...); the partner profile decides who is known.
        FACTORY.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_CODE_VALUES, false);
    }

    record Reading(Interchange interchange, List<EdiError> errors) {

        boolean readable() {
            return errors.isEmpty();
        }
    }

    private EdiReader() {
    }

    static Reading read(byte[] body) {
        State state = new State();
        try (EDIStreamReader reader = FACTORY.createEDIStreamReader(new ByteArrayInputStream(body))) {
            while (reader.hasNext() && state.errors.size() < MAX_ERRORS) {
                state.on(reader.next(), reader);
            }
            if (!state.ended && state.errors.isEmpty()) {
                state.errors.add(new EdiError(null, null, 0, 0, EdiError.Code.SYNTAX, "the interchange has no trailer"));
            }
        } catch (EDIStreamException | RuntimeException | IOException unreadable) {
            state.errors.add(new EdiError(state.messageControl, state.segmentTag, 0, 0,
                    EdiError.Code.SYNTAX, message(unreadable)));
        }
        return new Reading(state.interchange(), List.copyOf(state.errors));
    }

    private static String message(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Texts.clip(text, 200);
    }

    /** What has been read so far; the envelope's fields are kept even when reading fails, to address the answer. */
    private static final class State {

        final List<EdiError> errors = new ArrayList<>();
        final List<Interchange.Message> messages = new ArrayList<>();
        Interchange.Standard standard;
        String syntaxVersion = "";
        String sender;
        String senderQualifier = "";
        String receiver;
        String receiverQualifier = "";
        String control;
        String groupControl;
        String groupVersion = "";
        boolean ended;

        String segmentTag;
        List<List<String>> elements;
        int messageStart;
        String messageControl;
        String messageType;
        String messageVersion;
        List<Interchange.Segment> segments;

        void on(EDIStreamEvent event, EDIStreamReader reader) {
            Location at = reader.getLocation();
            switch (event) {
                case START_INTERCHANGE -> standard = Interchange.Standard.valueOf(reader.getStandard());
                case START_SEGMENT -> {
                    segmentTag = reader.getText();
                    elements = new ArrayList<>();
                    if ("ST".equals(segmentTag) || "UNH".equals(segmentTag)) {
                        messageStart = at.getSegmentPosition();
                        segments = new ArrayList<>();
                    }
                }
                case ELEMENT_DATA -> put(at, reader.getText());
                case END_SEGMENT -> endSegment(at);
                case END_INTERCHANGE -> ended = true;
                case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> errors.add(new EdiError(
                        messageControl, at.getSegmentTag(), relative(at.getSegmentPosition()),
                        Math.max(at.getElementPosition(), 0), code(reader.getErrorType()),
                        reader.getErrorType().name().toLowerCase().replace('_', ' ')
                                + (reader.hasText() && reader.getText() != null ? " '" + reader.getText() + "'" : "")));
                default -> {
                }
            }
        }

        private void put(Location at, String text) {
            int element = at.getElementPosition();
            if (element < 1 || at.getElementOccurrence() > 1) {
                return;
            }
            while (elements.size() < element) {
                elements.add(new ArrayList<>());
            }
            List<String> components = elements.get(element - 1);
            int component = Math.max(at.getComponentPosition(), 1);
            while (components.size() < component) {
                components.add("");
            }
            components.set(component - 1, text == null ? "" : text);
        }

        private void endSegment(Location at) {
            Interchange.Segment segment = new Interchange.Segment(segmentTag, relative(at.getSegmentPosition()),
                    List.copyOf(elements.stream().map(List::copyOf).toList()));
            switch (segmentTag) {
                case "ISA" -> {
                    senderQualifier = segment.element(5).trim();
                    sender = segment.element(6).trim();
                    receiverQualifier = segment.element(7).trim();
                    receiver = segment.element(8).trim();
                    syntaxVersion = segment.element(12).trim();
                    control = segment.element(13).trim();
                }
                case "GS" -> {
                    groupControl = segment.element(6);
                    groupVersion = segment.element(8);
                }
                case "UNB" -> {
                    syntaxVersion = segment.component(1, 1) + ":" + segment.component(1, 2);
                    sender = segment.component(2, 1);
                    senderQualifier = segment.component(2, 2);
                    receiver = segment.component(3, 1);
                    receiverQualifier = segment.component(3, 2);
                    control = segment.element(5);
                }
                default -> {
                }
            }
            if (segments != null) {
                segments.add(segment);
                if ("ST".equals(segmentTag)) {
                    messageControl = segment.element(2);
                    messageType = segment.element(1);
                    messageVersion = segment.element(3).isEmpty() ? groupVersion : segment.element(3);
                } else if ("UNH".equals(segmentTag)) {
                    messageControl = segment.element(1);
                    messageType = segment.component(2, 1);
                    messageVersion = segment.component(2, 2) + "." + segment.component(2, 3);
                } else if ("SE".equals(segmentTag) || "UNT".equals(segmentTag)) {
                    messages.add(new Interchange.Message(messageControl, messageType, messageVersion, List.copyOf(segments)));
                    segments = null;
                    messageControl = null;
                }
            }
        }

        private int relative(int position) {
            return segments == null ? position : position - messageStart + 1;
        }

        Interchange interchange() {
            return new Interchange(standard, syntaxVersion, sender, senderQualifier, receiver, receiverQualifier,
                    control, groupControl, groupVersion, List.copyOf(messages));
        }

        private static EdiError.Code code(EDIStreamValidationError error) {
            return switch (error) {
                case CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT -> EdiError.Code.CONTROL_COUNT;
                case CONTROL_REFERENCE_MISMATCH -> EdiError.Code.CONTROL_REFERENCE;
                case MANDATORY_SEGMENT_MISSING, REQUIRED_DATA_ELEMENT_MISSING,
                     CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING -> EdiError.Code.MISSING;
                case INVALID_CODE_VALUE, INVALID_DATE, INVALID_TIME, DATA_ELEMENT_TOO_LONG, DATA_ELEMENT_TOO_SHORT,
                     INVALID_CHARACTER_DATA -> EdiError.Code.INVALID_VALUE;
                default -> EdiError.Code.SYNTAX;
            };
        }
    }
}
