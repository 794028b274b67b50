"""A row in every admin list, and the admin pages a user can open: for tests
that walk the whole admin (language, list widths)."""

import io

from django.contrib import admin
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from ads.models import Advertiser, Advertorial, Enquiry, ServiceListing
from articles.models import Article, ArticleDailyView, ChangeProposal, PreviewLink


def fill_every_list(user) -> None:
    """The demo content, and the rows it lacks (a lead, an advertorial, a
    preview link, a day of views, a change proposal, an article in review)."""
    call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())
    article = Article.objects.published().first()
    Enquiry.objects.create(
        listing=ServiceListing.objects.first(),
        name="Budi Santoso",
        company="CV Maju Jaya Sejahtera Abadi",
        phone="+6281298765432",
        email="budi@majujaya.example",
        message="Kami tertarik dengan paket ini.",
    )
    Advertorial.objects.create(article=article, advertiser=Advertiser.objects.first())
    PreviewLink.objects.create(
        article=article,
        expires_at=timezone.now() + timezone.timedelta(days=1),
        created_by=user,
    )
    ArticleDailyView.objects.create(article=article, date=timezone.localdate())
    ChangeProposal.objects.create(
        article=article, text="Perbaiki ejaan.", created_by=user
    )
    Article.objects.filter(pk=Article.objects.last().pk).update(status="review")


def admin_pages(user, add=False, change=False) -> list[str]:
    """The list of every model ``user`` sees in the admin, with its add page and
    the change page of its first row when asked."""
    request = RequestFactory().get("/admin/")
    request.user = user
    pages = []
    for app in admin.site.get_app_list(request):
        for entry in app["models"]:
            model = entry["model"]
            pages.append(entry["admin_url"])
            if add and entry.get("add_url"):
                pages.append(entry["add_url"])
            if not change:
                continue
            obj = admin.site.get_model_admin(model).get_queryset(request).first()
            if obj is not None:
                opts = model._meta
                pages.append(
                    reverse(
                        f"admin:{opts.app_label}_{opts.model_name}_change",
                        args=[obj.pk],
                    )
                )
    return pages
