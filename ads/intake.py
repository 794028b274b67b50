"""Press releases in: an imported document saved as a draft advertorial, tied to
the advertiser who sent it, so the sponsored label and the sales records follow
it (``Advertorial``, whose signals name the sponsor on the article).

The articles app may not import this one, so the tie is made here."""

from django.db import transaction

from articles.importing import ImportResult, save_document

from .models import Advertiser, Advertorial, Enquiry


def save_press_release(
    result: ImportResult,
    advertiser: Advertiser | None,
    user=None,
    author=None,
    enquiry: Enquiry | None = None,
):
    """Store ``result`` as a draft, marked advertorial and recorded for
    ``advertiser`` when there is one, tied to the sales ``enquiry`` it came
    from when given; all or nothing."""
    with transaction.atomic():
        article = save_document(
            result, user=user, author=author, is_sponsored=advertiser is not None
        )
        if advertiser is not None:
            Advertorial.objects.create(
                article=article, advertiser=advertiser, enquiry=enquiry
            )
    return article
