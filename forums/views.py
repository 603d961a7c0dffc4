from django.shortcuts import render


def index(request):
    """The forums' front page; categories and threads arrive with the forums feature."""
    return render(request, "forums/index.html")
