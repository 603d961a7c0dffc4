"""factory-boy factories: the people and things tests need, with only what matters said."""

from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from forums.models import Category, CategoryVisibility
from members.models import ExpertProfile, User, Visibility


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    first_name = factory.Faker("first_name")
    password = factory.django.Password("a long test passphrase")


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertProfile

    user = factory.SubFactory(UserFactory)
    display_name = factory.Faker("name")
    headline = "Digital government adviser"
    visibility = Visibility.PUBLIC


class VerifiedUserFactory(UserFactory):
    """A member who confirmed their e-mail address, and so may post; joined long enough ago
    that the new-member limits do not apply unless a test asks for them."""

    date_joined = factory.LazyFunction(lambda: timezone.now() - timedelta(days=90))

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    description = "Where members compare notes."
    visibility = CategoryVisibility.PUBLIC


def thread_with_posts(category=None, author=None, replies: int = 0, title="A thread about data"):
    """A thread started through the real action, with `replies` replies by other members."""
    from forums.actions.posting import post_reply, start_thread

    category = category or CategoryFactory()
    author = author or VerifiedUserFactory()
    first = start_thread(author=author, category=category, title=title, body="First post.")
    # A few repliers in turn, each under the hourly posting limit of new members.
    repliers = [VerifiedUserFactory() for _ in range(min(replies, 1 + replies // 8))]
    for n in range(replies):
        post_reply(author=repliers[n % len(repliers)], thread=first.thread, body=f"Reply {n}.")
    first.thread.refresh_from_db()
    return first.thread
