from django.db import migrations


def create_sales_group(apps, schema_editor):
    from ads.roles import apply_sales_role

    apply_sales_role(apps)


def remove_sales_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Sales").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ads", "0001_ads_models"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_sales_group, remove_sales_group)]
