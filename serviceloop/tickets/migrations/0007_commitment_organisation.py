"""Commitments carry their ticket's organisation, so a customer's open promises are one index away."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_organisation(apps, schema_editor):
    Commitment = apps.get_model("tickets", "Commitment")
    Ticket = apps.get_model("tickets", "Ticket")
    Commitment.objects.update(
        organisation_id=Subquery(Ticket.objects.filter(pk=OuterRef("ticket_id")).values("organisation_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0001_initial"),
        ("tickets", "0006_due_sort"),
    ]

    operations = [
        migrations.AddField(
            model_name="commitment",
            name="organisation",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="customers.organisation",
            ),
        ),
        migrations.RunPython(copy_organisation, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="commitment",
            name="organisation",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="customers.organisation",
            ),
        ),
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(fields=["organisation", "fulfilled_at"], name="commitment_org_open_idx"),
        ),
    ]
