from django.contrib import admin

from mobilization.territory.models import City, District, Place


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "insee_code", "population"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "official_name", "level", "code", "number", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "official_name", "code"]
    list_select_related = ["parent"]
    readonly_fields = ["geometry", "area_m2", "centroid_lat", "centroid_lon"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    """Places come from the city's open data: a re-import overwrites what it imports, not the notes."""

    list_display = ["name", "kind", "category", "district", "is_free", "is_available"]
    list_filter = ["kind", "is_available", "is_free", "district"]
    search_fields = ["name", "address", "source_id"]
    list_select_related = ["district"]
    readonly_fields = ["source_dataset", "source_id", "geometry"]

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("territory.edit_place", obj)
