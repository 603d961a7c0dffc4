"""factory-boy factories: the people and things tests need, with only what matters said."""

import factory

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
