/** The analysts' decision tables (price tolerance, credit policy, reviewer routing), evaluated by the engine. */
package dev.ordergate.rules;
