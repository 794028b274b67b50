# Compiled pages store the whole card, not only its cover (articles/compiled.py).
# Existing rows get an empty card, which is never read: the code that reads it has a
# new key, so every page is compiled again (manage.py compile_articles). Servers
# still running the previous release keep serving until they restart
# (docs/deploy.md), so this only adds: the new columns have a database default for
# the rows they add, and the old ``card_cover`` column stays for the queries they
# make.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_compiled_article"),
    ]

    operations = [
        migrations.AddField(
            model_name="compiledarticle",
            name="card",
            field=models.TextField(blank=True, db_default=""),
        ),
        migrations.AddField(
            model_name="compiledarticle",
            name="card_dependencies",
            field=models.TextField(blank=True, db_default=""),
        ),
    ]
