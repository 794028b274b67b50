"""An index on taggit's links by tag, then content type and object id.

Related articles read, for each tag of an article, the newest articles carrying it
(``ArticleQuerySet.related_to``): walking this index backwards from one tag stops after
a few entries, however many articles the tag has. taggit's own indexes start from
the content type or the object, so the same read would scan every link.
"""

from django.db import migrations

INDEX_NAME = "taggeditem_tag_object_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_category_list_index"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX_NAME} ON taggit_taggeditem "
            "(tag_id, content_type_id, object_id)",
            f"DROP INDEX {INDEX_NAME}",
        )
    ]
