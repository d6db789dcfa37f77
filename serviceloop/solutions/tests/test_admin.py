"""Delegates are managed in the admin; plans are only read there."""

from __future__ import annotations

from serviceloop.solutions.models import PlanApprover

from .conftest import submitted_plan


def test_an_administrator_names_a_delegate_for_a_product_line(world, admin_client):
    client = admin_client
    assert client.get("/admin/solutions/planapprover/add/").status_code == 200
    response = client.post(
        "/admin/solutions/planapprover/add/", {"user": world.engineer.pk, "product_line": world.line.pk}
    )
    assert response.status_code == 302
    assert PlanApprover.objects.filter(user=world.engineer, product_line=world.line).exists()
    # Customers and partners are not offered as delegates.
    response = client.post(
        "/admin/solutions/planapprover/add/", {"user": world.customer.pk, "product_line": world.line.pk}
    )
    assert response.status_code == 200 and not PlanApprover.objects.filter(user=world.customer).exists()


def test_plans_are_read_only_in_the_admin(world, ticket, admin_client):
    plan = submitted_plan(world, ticket)
    client = admin_client
    assert client.get("/admin/solutions/solutionplan/").status_code == 200
    page = client.get(f"/admin/solutions/solutionplan/{plan.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
