from serviceloop.accounts.models import User


def test_staff_list_and_read_users(world, client_for):
    client = client_for(world.supervisor)
    ids = []
    page = client.get("/users", {"limit": 5}).json()
    while True:
        ids += [u["id"] for u in page["items"]]
        if page["next_cursor"] is None:
            break
        page = client.get("/users", {"limit": 5, "cursor": page["next_cursor"]}).json()
    assert (
        world.customer.pk in ids
        and world.partner_b_tech.pk in ids
        and ids == sorted(User.objects.values_list("id", flat=True))
    )
    customer = client.get(f"/users/{world.customer.pk}").json()
    assert (customer["role"], customer["organisation_id"]) == ("customer", world.org.pk)


def test_customers_and_partners_see_only_themselves(world, client_for):
    for user in (world.customer, world.partner_a_tech):
        client = client_for(user)
        me = client.get("/users/me").json()
        assert (me["id"], me["role"]) == (user.pk, user.role)
        assert [u["id"] for u in client.get("/users").json()["items"]] == [user.pk]
        assert client.get(f"/users/{world.agent.pk}").status_code == 404
        assert client.get(f"/users/{user.pk}").status_code == 200
