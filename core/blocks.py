"""StreamField blocks shared by every page type (events and home pages use them too)."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Heading 2"), ("h3", "Heading 3")], default="h2")

    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote_block.html"


class InsetBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=["bold", "italic", "link"])

    class Meta:
        icon = "pick"
        template = "components/blocks/inset_block.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    url = blocks.URLBlock()
    description = blocks.CharBlock(required=False, max_length=300)


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    links = blocks.ListBlock(LinkBlock())

    class Meta:
        icon = "link"
        template = "components/blocks/link_list_block.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe the image for people who cannot see it. Leave empty if decorative.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "components/blocks/figure_block.html"


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class StoryBlock(blocks.StreamBlock):
    """The body of most pages: prose with headings, quotes, insets, link lists and images."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, template="components/blocks/paragraph_block.html"
    )
    quote = QuoteBlock()
    inset = InsetBlock()
    links = LinkListBlock()
    figure = FigureBlock()
