from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False)
    source = blocks.CharBlock(required=False, help_text="Who made the image.")

    class Meta:
        icon = "image"
        template = "news/blocks/figure.html"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", template="news/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"],
        template="news/blocks/paragraph.html",
    )
    figure = FigureBlock()
