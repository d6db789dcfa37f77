from serviceloop.core.revision import SingleRevision


class RosterRevision(SingleRevision):
    """One row whose revision is renewed by every change of who may work when: teams and their
    members, people's role, activity and time zone, skills, working hours and absences.

    Assignment keeps each team's roster in memory and reads this revision (one small query) to know
    it is still right; the renewing is done by signals (accounts/signals.py)."""
