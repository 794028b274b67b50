# Compiled pages store the whole card, not only its cover (articles/compiled.py).
# Existing rows get an empty card, which is never read: the code that reads it has a
# new key, so every page is compiled again (manage.py compile_articles).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_compiled_article"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="compiledarticle",
            name="card_cover",
        ),
        migrations.AddField(
            model_name="compiledarticle",
            name="card",
            field=models.TextField(blank=True, default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="compiledarticle",
            name="card_dependencies",
            field=models.TextField(blank=True, default=""),
            preserve_default=False,
        ),
    ]
