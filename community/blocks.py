"""StreamField blocks of the community's pages, in one place (bakerydemo's habit)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Who said or wrote it"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "community/blocks/quote_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("The document's title if left empty.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "community/blocks/document_link_block.html"


class AgendaItemBlock(blocks.StructBlock):
    starts = blocks.TimeBlock(label=_("Starts"), required=False)
    title = blocks.CharBlock(label=_("Session"))
    speakers = blocks.CharBlock(label=_("Speakers"), required=False)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "time"
        label = _("Agenda item")
        template = "community/blocks/agenda_item_block.html"


def resource_body_blocks() -> list[tuple[str, blocks.Block]]:
    """What a resource's body may hold: the issue's list, nothing that runs scripts."""
    return [
        ("text", blocks.RichTextBlock(label=_("Text"))),
        # The old plain quote stays readable; new quotes carry an attribution.
        ("quote", blocks.BlockQuoteBlock(label=_("Short quote"))),
        ("attributed_quote", QuoteBlock()),
        ("image", ImageBlock(label=_("Image"))),
        ("embed", EmbedBlock(label=_("Embedded media"))),
        ("table", TableBlock(label=_("Table"))),
        ("document", DocumentLinkBlock()),
    ]


def agenda_blocks() -> list[tuple[str, blocks.Block]]:
    return [
        ("day", blocks.CharBlock(label=_("Day heading"), icon="date")),
        ("item", AgendaItemBlock()),
    ]
