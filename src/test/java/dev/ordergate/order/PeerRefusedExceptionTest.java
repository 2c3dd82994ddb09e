package dev.ordergate.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeerRefusedExceptionTest {

    @Test
    void theProblemsDetailIsThePeersMessageAndTheCodeIsThePeers() {
        PeerRefusal refusal = PeerRefusedException.answered("credit", 422, """
                {"type": "about:blank", "title": "Unprocessable", "status": 422,
                 "detail": "Customer C-10042 is under legal review; no standing is given"}
                """, null);

        assertThat(refusal.peerMessage()).isEqualTo("Customer C-10042 is under legal review; no standing is given");
        assertThat(refusal.peer()).isEqualTo("credit");
        assertThat(refusal.refusalCode()).isEqualTo(RefusalCodes.CREDIT);
    }

    @Test
    void aProblemWithoutDetailGivesItsTitleAndABodyThatIsNoProblemIsTheMessageAsItCame() {
        assertThat(PeerRefusedException.answered("tax", 422, "{\"title\": \"No nexus in ZZ\"}", null).peerMessage())
                .isEqualTo("No nexus in ZZ");
        assertThat(PeerRefusedException.answered("wms", 422, "Dock 3 closed for stock count", null).peerMessage())
                .isEqualTo("Dock 3 closed for stock count");
    }

    @Test
    void anAnswerWithoutABodySaysItsStatus() {
        assertThat(PeerRefusedException.answered("wms", 422, "", null).peerMessage())
                .isEqualTo("HTTP 422 without a reason");
        assertThat(RefusalCodes.of("wms")).isEqualTo("wms-refused");
    }
}
