"""The sections of ``/sitemap.xml`` (an index) and their names in the URLs."""

from articles.sitemaps import (
    ArticleSitemap,
    AuthorSitemap,
    CategorySitemap,
    PageSitemap,
    TagSitemap,
)

SITEMAPS = {
    "artikel": ArticleSitemap,
    "kategori": CategorySitemap,
    "tag": TagSitemap,
    "penulis": AuthorSitemap,
    "halaman": PageSitemap,
    # Service listings ("layanan") belong to the ads app, on another branch: add
    # its sitemap here, e.g. "layanan": ads.sitemaps.ServiceListingSitemap.
}
