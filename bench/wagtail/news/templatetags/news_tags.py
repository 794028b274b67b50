from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("news/includes/nav.html", takes_context=True)
def category_nav(context):
    """The header's menu: the live home children shown in menus.

    Usage: ``{% category_nav %}``
    """
    request = context["request"]
    site = Site.find_for_request(request)
    categories = site.root_page.get_children().live().in_menu() if site else []
    return {"request": request, "categories": categories, "site": site}
