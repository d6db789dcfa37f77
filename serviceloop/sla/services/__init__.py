"""Service levels: calendars, policies, and the clocks that keep each ticket's promises."""
