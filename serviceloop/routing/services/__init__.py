"""Routing: which rule a new ticket meets, and doing what it says."""
