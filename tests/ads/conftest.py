import pytest
from django.contrib.auth.models import Group

from ads.roles import SALES_GROUP


@pytest.fixture
def sales(django_user_model):
    user = django_user_model.objects.create_user(
        "sales", "sales@wayahsinau.test", "rahasia-uji-123", is_staff=True
    )
    user.groups.add(Group.objects.get(name=SALES_GROUP))
    return user
