"""Advertorials recorded before articles kept their sponsor's name: name it."""

import secrets

from django.db import migrations


def name_sponsors(apps, schema_editor):
    Advertorial = apps.get_model("ads", "Advertorial")
    Article = apps.get_model("articles", "Article")
    rows = Advertorial.objects.filter(article__is_sponsored=True).values_list(
        "article_id", "advertiser__name"
    )
    for article_id, name in rows:
        # A new revision (as ``articles.models.new_revision``): the compiled
        # page and card are rendered again.
        Article.objects.filter(pk=article_id).update(
            sponsor_name=name, content_revision=secrets.randbits(62) + 1
        )


class Migration(migrations.Migration):
    dependencies = [
        ("ads", "0004_report_link"),
        ("articles", "0017_article_sponsor_name"),
    ]

    operations = [migrations.RunPython(name_sponsors, migrations.RunPython.noop)]
