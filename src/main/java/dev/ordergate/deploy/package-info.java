/**
 * The analysts' change loop on a running node: deploying BPMN, DMN and forms (from Camunda Modeler through the
 * engine's REST API, or through the ops API), the audit of every deployment, and migrating running instances to a
 * new process version.
 */
package dev.ordergate.deploy;
