package dev.ordergate.fulfillment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The review timers the BPMN reads as ISO 8601 durations ({@code ${reviewTimers.escalateAfter}}): reminder,
 * escalation to the supervisor group, and how long a held order waits before its gate is checked again. A bean
 * rather than a record because the BPMN needs it under a short name.
 */
@Component("reviewTimers")
@ConfigurationProperties("ordergate.review")
public class ReviewTimers {

    private String remindAfter = "PT4H";
    private String escalateAfter = "PT8H";
    private String recheckAfter = "PT4H";
    private String tasklistUrl = "http://localhost:8080/camunda/app/tasklist/";

    public String getRemindAfter() {
        return remindAfter;
    }

    public void setRemindAfter(String remindAfter) {
        this.remindAfter = remindAfter;
    }

    public String getEscalateAfter() {
        return escalateAfter;
    }

    public void setEscalateAfter(String escalateAfter) {
        this.escalateAfter = escalateAfter;
    }

    public String getRecheckAfter() {
        return recheckAfter;
    }

    public void setRecheckAfter(String recheckAfter) {
        this.recheckAfter = recheckAfter;
    }

    public String getTasklistUrl() {
        return tasklistUrl;
    }

    public void setTasklistUrl(String tasklistUrl) {
        this.tasklistUrl = tasklistUrl;
    }
}
