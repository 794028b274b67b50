"""Build the POST data the article admin form sends, inline formsets included."""

from django.utils import timezone


def article_post_data(category, author, sections, **fields):
    published = timezone.localtime() - timezone.timedelta(minutes=5)
    data = {
        "title": "Belajar Menabung Sejak Dini",
        "slug": "",
        "dateline": "Wayah Sinau",
        "intro": "<p>Menabung adalah kebiasaan.</p>",
        "category": category.pk,
        "author": author.pk,
        "tags": "keuangan, keluarga",
        "cover": "",
        "status": "published",
        # Five minutes ago, date and time of the same moment (just after
        # midnight WIB, "today" with the time of five minutes ago is tomorrow's).
        "published_at_0": published.strftime("%Y-%m-%d"),
        "published_at_1": published.strftime("%H:%M:%S"),
        "seo_description": "",
        "sections-TOTAL_FORMS": str(len(sections)),
        "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
        "_save": "Simpan",
    }
    for index, section in enumerate(sections):
        prefix = f"sections-{index}-"
        for key, value in section.items():
            data[prefix + key] = value
        data.setdefault(prefix + "position", str(index + 1))
        data.setdefault(prefix + "is_numbered", "on")
    data.update(fields)
    return data
