package io.newsflow.linking;

import java.time.LocalDate;
import java.util.List;

/**
  * A time-scoped office held by a person, e.g. US Secretary of Defense from 2021-01-22 to 2025-01-20.
  *
  * <p>Roles let a bare surname with a title ("Defense Secretary Austin") resolve to the office holder on the
  * story date, and stop it resolving to someone who did not hold the office then.
  *
  * @param title the office, for evidence output
  * @param titleCues phrases that name the office in copy ("Defense Secretary", "Pentagon chief")
  * @param from first day in office, inclusive
  * @param to last day in office, inclusive; null while still in office
  */
public record Role(String title, List<String> titleCues, LocalDate from, LocalDate to) {
    public Role {
        titleCues = titleCues == null ? List.of() : List.copyOf(titleCues);
    }

    /** True if the office was held on the given day; an unknown date never counts as active. */
    public boolean activeOn(LocalDate day) {
        if (day == null || from == null) {
            return false;
        }
        return !day.isBefore(from) && (to == null || !day.isAfter(to));
    }
}
