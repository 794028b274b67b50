from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from news.blocks import ArticleBodyBlock


@register_snippet
class Author(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    bio = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("bio")]

    class Meta:
        ordering = ["name"]
        verbose_name = "penulis"
        verbose_name_plural = "penulis"

    def __str__(self):
        return self.name


class HomePage(Page):
    max_count = 1
    subpage_types = ["news.CategoryPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest"] = (
            ArticlePage.objects.live()
            .descendant_of(self)
            .select_related("cover")
            .order_by("-first_published_at")[:12]
        )
        return context


class CategoryPage(Page):
    description = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("description")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            ArticlePage.objects.live()
            .child_of(self)
            .select_related("cover")
            .order_by("-first_published_at")
        )
        tag = request.GET.get("tag")
        if tag:
            articles = articles.filter(tags__slug=tag)
        context["articles"] = articles[:12]
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(Page):
    intro = RichTextField(features=["bold", "italic", "link"])
    cover = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author = models.ForeignKey(
        Author,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    body = StreamField(ArticleBodyBlock())
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("cover"),
        FieldPanel("author"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["news.CategoryPage"]
    subpage_types = []

    def related_articles(self):
        """The four latest other articles of the same category, for the cards."""
        return (
            ArticlePage.objects.live()
            .sibling_of(self, inclusive=False)
            .select_related("cover", "author")
            .order_by("-first_published_at")[:4]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["category"] = self.get_parent()
        context["related"] = self.related_articles()
        return context
