package io.asynctournament.jobs.health;

import java.util.List;

/**
 * What {@link HealthCheck} found: one item per check, in order (database, job server, then each active task).
 *
 * @param items every check made
 */
public record HealthReport(List<Item> items) {

    /** True when every check passed. */
    public boolean healthy() {
        return items.stream().allMatch(Item::ok);
    }

    /** The checks that failed. */
    public List<Item> problems() {
        return items.stream().filter(item -> !item.ok()).toList();
    }

    /**
     * One check.
     *
     * @param subject what was checked: {@code database}, {@code job server} or a task id
     * @param ok      true when it passed
     * @param detail  what was seen, in words
     */
    public record Item(String subject, boolean ok, String detail) {
    }
}
