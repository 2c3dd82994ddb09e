package dev.ordergate.review;

import dev.ordergate.OrderTasks;
import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A review decided without what its form requires is answered 400 problem+json naming the field, through every path
 * a reviewer has (engine-rest, Tasklist's own API, the review API), and the task stays open with nothing recorded.
 */
@IntegrationTest
class ReviewDecisionPathsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPT_WITHOUT_COMMENT = "{\"variables\": {\"decision\": {\"value\": \"accept-submitted\"}}}";

    private final ApiClient api = new ApiClient();
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    TaskService tasks;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aPriceAcceptedWithoutACommentIsRefusedNamingTheFieldOnEveryPathAndTheTaskStaysOpen() throws Exception {
        Task review = priceReview();

        Answer engineRest = send("POST", "/engine-rest/task/" + review.getId() + "/complete", ACCEPT_WITHOUT_COMMENT,
                basic("demo", "demo"));
        Answer tasklist = tasklistSubmit("pricing", review.getId(), ACCEPT_WITHOUT_COMMENT);
        Answer reviewApi = send("POST", "/api/v1/reviews/" + review.getId() + "/decision",
                "{\"decision\": \"accept-submitted\"}", basic("pricing", "pricing"));
        Answer unknownValue = send("POST", "/engine-rest/task/" + review.getId() + "/complete",
                "{\"variables\": {\"decision\": {\"value\": \"maybe\"}}}", basic("demo", "demo"));

        for (Answer refused : List.of(engineRest, tasklist, reviewApi)) {
            assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().path("errors").findValuesAsText("field")).containsExactly("decisionComment");
            assertThat(refused.body().path("message").asText()).as("what Tasklist shows").contains("decisionComment");
        }
        assertThat(unknownValue.status()).as(unknownValue.raw()).isEqualTo(400);
        assertThat(unknownValue.body().path("errors").findValuesAsText("field")).containsExactly("decision");
        assertThat(tasks.createTaskQuery().taskId(review.getId()).count()).as("nothing completed").isEqualTo(1);
        assertThat(decisionsRecorded(review)).as("nothing audited").isZero();

        Answer decided = tasklistSubmit("pricing", review.getId(), """
                {"variables": {"decision": {"value": "accept-submitted"},
                               "decisionComment": {"value": "Promotion agreed with the customer"}}}
                """);

        assertThat(decided.status()).as("a complete decision passes the check untouched: " + decided.raw()).isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(review.getId()).count()).isZero();
        assertThat(decisionsRecorded(review)).isEqualTo(1);
    }

    @Test
    void aStewardListsTheGroupsReviewsWithTheFormsFieldsAndDecidesOneThroughTheReviewApi() throws Exception {
        Task review = priceReview();

        Answer listed = send("GET", "/api/v1/reviews?group=pricing-stewards", null, basic("pricing", "pricing"));

        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        JsonNode shown = null;
        for (JsonNode r : listed.body().path("reviews")) {
            if (r.path("taskId").asText().equals(review.getId())) {
                shown = r;
            }
        }
        assertThat(shown).as(listed.raw()).isNotNull();
        assertThat(shown.path("name").asText()).startsWith("Review price mismatch · b2b-portal:");
        assertThat(shown.path("facts").path("exceptionReason").asText()).contains("FURN_0269");
        JsonNode decision = shown.path("fields").get(0);
        assertThat(decision.path("key").asText()).isEqualTo("decision");
        assertThat(decision.path("required").asBoolean()).isTrue();
        assertThat(decision.path("values").findValuesAsText("value"))
                .containsExactly("accept-submitted", "apply-authority", "reject");

        Answer otherGroup = send("GET", "/api/v1/reviews?group=pricing-stewards", null, basic("credit", "credit"));
        Answer notACandidate = send("POST", "/api/v1/reviews/" + review.getId() + "/decision",
                "{\"decision\": \"apply-authority\"}", basic("credit", "credit"));
        Answer nobody = send("POST", "/api/v1/reviews/" + review.getId() + "/decision",
                "{\"decision\": \"apply-authority\"}", null);
        Answer unknownField = send("POST", "/api/v1/reviews/" + review.getId() + "/decision",
                "{\"decision\": \"apply-authority\", \"price\": 1}", basic("pricing", "pricing"));
        assertThat(otherGroup.status()).isEqualTo(403);
        assertThat(notACandidate.status()).isEqualTo(403);
        assertThat(nobody.status()).isEqualTo(401);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body().path("errors").findValuesAsText("field")).containsExactly("price");
        assertThat(decisionsRecorded(review)).isZero();

        Answer decided = send("POST", "/api/v1/reviews/" + review.getId() + "/decision",
                "{\"decision\": \"accept-submitted\", \"decisionComment\": \"Agreed with the customer\"}",
                basic("pricing", "pricing"));

        assertThat(decided.status()).as(decided.raw()).isEqualTo(200);
        assertThat(tasks.createTaskQuery().taskId(review.getId()).count()).isZero();
        assertThat(jdbc.sql("SELECT decided_by FROM app.order_reviews WHERE task_id = :task")
                .param("task", review.getId()).query(String.class).list()).containsExactly("pricing");
    }

    private Task priceReview() {
        String ref = uniqueRef();
        api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "12", "250.00")));
        return await().atMost(Duration.ofSeconds(60)).until(() -> OrderTasks.review(tasks.createTaskQuery()
                .processInstanceBusinessKey("b2b-portal:" + ref), "reviewPriceMismatch")
                .singleResult(), t -> t != null);
    }

    private long decisionsRecorded(Task review) {
        return jdbc.sql("SELECT COUNT(*) FROM app.order_reviews WHERE task_id = :task").param("task", review.getId())
                .query(Long.class).single();
    }

    record Answer(int status, String contentType, JsonNode body, String raw) {
    }

    private Answer send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ApiClient.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Submits the form as Tasklist does: logged into the webapps, through their engine API, with Camunda's CSRF token. */
    private Answer tasklistSubmit(String user, String taskId, String body) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        String base = ApiClient.baseUrl();
        browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
                        URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf(cookies))
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(user, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        // The login starts a new session; its CSRF token comes with the next read, as Tasklist's own next call gets it.
        HttpResponse<String> read = browser.send(HttpRequest.newBuilder(
                URI.create(base + "/camunda/api/engine/engine/default/task/count")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String token = read.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> csrf(cookies));
        return answer(browser.send(HttpRequest.newBuilder(
                        URI.create(base + "/camunda/api/engine/engine/default/task/" + taskId + "/submit-form"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** The newest CSRF token Camunda handed out (it issues a new one with the session a login starts). */
    private static String csrf(CookieManager cookies) {
        List<HttpCookie> found = new ArrayList<>(cookies.getCookieStore().getCookies());
        return found.stream().filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue)
                .reduce((first, last) -> last).orElse("");
    }

    private static Answer answer(HttpResponse<String> response) throws IOException {
        String raw = response.body();
        JsonNode body;
        try {
            body = raw == null || raw.isBlank() ? JSON.nullNode() : JSON.readTree(raw);
        } catch (IOException notJson) {
            body = JSON.getNodeFactory().textNode(raw);
        }
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body, raw);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
