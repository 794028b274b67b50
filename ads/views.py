import logging
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from . import counting, ratelimit, reports, services, slots
from .forms import EnquiryForm
from .models import AdsTxtEntry, ReportLink, ServiceListing, SponsoredBlock

logger = logging.getLogger(__name__)


@require_safe
def click(request, token):
    """Send a reader to a block's stored target and count the click.

    The target comes only from the database; query parameters are ignored. Unknown
    or tampered tokens, and blocks readers may not be shown in that slot
    (``SponsoredBlockQuerySet.eligible``: paused, ended…), are 404 and count
    nothing. What counts is
    ``counting.is_counted_click``; everything else (a bot, another site's image
    tag, a repeat) is redirected the same way, uncounted. A failed count is logged
    and the reader is redirected anyway.
    """
    ids = slots.read_click_token(token)
    if ids is None:
        raise Http404
    block_id, slot_id = ids
    block = (
        SponsoredBlock.objects.eligible(slot=slot_id)
        .select_related("service_listing")
        .filter(pk=block_id)
        .first()
    )
    if block is None:
        raise Http404
    if counting.is_counted_click(request, block_id):
        try:
            services.record_click(block_id, slot_id)
        except Exception:
            logger.exception("Could not count a click on block %s", block_id)
    response = HttpResponseRedirect(block.target())
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def client_report(request, token):
    """A client's report, opened through a report link without an account.

    Only the link's own blocks are read (``ReportLink.blocks``, ``stats``); a
    tampered, unknown, expired or revoked token is a 404 that shows nothing. The
    page is for the client alone: ``noindex``, ``no-store``, no referrer, never in
    the page cache (not a ``public_page``), and it carries no ad slots.
    """
    key = ReportLink.key_of(token)
    link = (
        ReportLink.objects.active()
        .select_related("advertiser", "block__advertiser")
        .filter(key=key)
        .first()
        if key
        else None
    )
    if link is None:
        # One answer for every case, so a guess learns nothing; no ads either.
        return _private(render(request, "ads/report_link_gone.html", status=404))
    form = reports.PeriodForm(request.GET or None)
    start, end = form.period()
    as_of, complete = counting.bring_up_to_date()
    context = {
        **reports.report(link.stats(), start, end, link.name),
        "link": link,
        "client": link.client,
        "form": form.shown(),
        "as_of": as_of,
        "is_complete": complete,
        "blocks": reports.block_totals(link.blocks(), start, end),
    }
    return _private(render(request, "ads/client_report.html", context))


def _private(response):
    """For the client alone: stored by no cache, indexed by no search engine."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The address is the key: it must not travel to another site as a referrer.
    response["Referrer-Policy"] = "no-referrer"
    return response


class ListingListView(ListView):
    template_name = "ads/listing_list.html"
    context_object_name = "listings"

    def get_queryset(self):
        return ServiceListing.objects.active().order_by("position", "name")


def listing_detail(request, slug):
    listing = get_object_or_404(ServiceListing.objects.active(), slug=slug)
    status = 200
    if request.method == "POST":
        form = EnquiryForm(request.POST)
        allowed = ratelimit.hit(
            request,
            "enquiry",
            settings.WAYAHSINAU_ENQUIRY_RATE_LIMIT,
            settings.WAYAHSINAU_ENQUIRY_RATE_WINDOW,
        )
        if not allowed:
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Terlalu banyak pengiriman dari jaringan Anda. Silakan coba lagi "
                    "sekitar satu jam lagi, atau hubungi kami lewat email."
                ),
            )
            status = 429
        elif form.is_spam:
            # Answer a bot like a person, so it learns nothing; store nothing.
            return redirect("ads:thanks", slug=listing.slug)
        elif form.is_valid():
            enquiry = form.save(commit=False)
            enquiry.listing = listing
            enquiry.save()
            notify_sales(enquiry)
            return redirect("ads:thanks", slug=listing.slug)
    else:
        form = EnquiryForm()
    response = render(
        request,
        "ads/listing_detail.html",
        {"listing": listing, "form": form},
        status=status,
    )
    if status == 429:
        # The window starts at the first try, so this is the longest wait.
        response["Retry-After"] = str(settings.WAYAHSINAU_ENQUIRY_RATE_WINDOW)
    return response


def notify_sales(enquiry) -> None:
    """Email the lead to sales; the lead is already saved if mail fails."""
    subject = _("Permintaan penawaran: %(listing)s dari %(name)s") % {
        "listing": enquiry.listing.name,
        "name": enquiry.name,
    }
    body = render_to_string(
        "ads/enquiry_email.txt",
        {
            "enquiry": enquiry,
            "admin_url": settings.SITE_URL.rstrip("/")
            + reverse("admin:ads_enquiry_change", args=[enquiry.pk]),
        },
    )
    name = " ".join(enquiry.name.split())  # no line break can reach a header
    message = EmailMessage(
        " ".join(subject.split()),
        body,
        None,
        [settings.WAYAHSINAU_SALES_EMAIL],
        # "Reply" in the mail program answers the customer, not the site.
        reply_to=[formataddr((name, enquiry.email))],
    )
    try:
        message.send(fail_silently=False)
    except Exception:
        logger.exception("Could not email enquiry %s to sales", enquiry.pk)


def thanks(request, slug):
    listing = get_object_or_404(ServiceListing.objects.active(), slug=slug)
    return render(request, "ads/enquiry_thanks.html", {"listing": listing})


@require_safe
def ads_txt(request):
    lines = AdsTxtEntry.objects.filter(is_active=True).values_list("line", flat=True)
    body = "".join(f"{line}\n" for line in lines)
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=300)
    return response
