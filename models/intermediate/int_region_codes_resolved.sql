{#-
    Every region code that occurs in the raw tables, resolved to a province and, where it lies in
    one, a city (docs/data-contract.md, "Resolving a region code"):
      1. province = first two digits + 0000, one of the 31 provinces, else the code is unresolved;
      2. in a municipality the city is the municipality itself, whatever the rest of the code;
      3. a province code (xx0000) resolves to the province only;
      4. digits 3-4 = 90 (a county-level unit administered by the province) resolve to the
         province only;
      5. otherwise city = first four digits + 00, one of the 337 cities, else the code is
         unresolved (e.g. a code abolished by a merger).
    A code that is not 6 digits is unresolved. An unresolved code keeps the province it names, if
    any, for information; the row that carries it is invalid (unknown_region).
-#}
with

stg_raw__enterprises as (
    select * from {{ ref('stg_raw__enterprises') }}
),

stg_raw__policies as (
    select * from {{ ref('stg_raw__policies') }}
),

stg_raw__universities as (
    select * from {{ ref('stg_raw__universities') }}
),

stg_raw__institutions as (
    select * from {{ ref('stg_raw__institutions') }}
),

stg_raw__topic_values as (
    select * from {{ ref('stg_raw__topic_values') }}
),

ref_regions as (
    select * from {{ ref('ref_regions') }}
),

region_codes as (
    select region_code from stg_raw__enterprises
    union
    select issuer_region_code as region_code from stg_raw__policies
    union
    select region_code from stg_raw__universities
    union
    select region_code from stg_raw__institutions
    union
    select region_code from stg_raw__topic_values
),

codes_split as (
    select
        region_code,
        regexp_full_match(region_code, '[0-9]{6}') as is_six_digits,
        substr(region_code, 1, 2) || '0000' as province_candidate,
        substr(region_code, 1, 4) || '00' as city_candidate,
        substr(region_code, 3, 4) = '0000' or substr(region_code, 3, 2) = '90' as is_province_only
    from region_codes
    where region_code is not null
),

provinces as (
    select
        region_code,
        is_municipality
    from ref_regions
    where region_level = 'province'
),

cities as (
    select region_code
    from ref_regions
    where region_level = 'city'
),

codes_matched as (
    select
        codes_split.region_code,
        codes_split.is_province_only,
        provinces.region_code as province_code,
        coalesce(provinces.is_municipality, false) as is_municipality,
        cities.region_code as city_code
    from codes_split
    left join provinces
        on codes_split.is_six_digits
        and codes_split.province_candidate = provinces.region_code
    left join cities
        on codes_split.is_six_digits
        and codes_split.city_candidate = cities.region_code
),

final as (
    select
        region_code,
        province_code,
        case
            when is_municipality then province_code
            when is_province_only then null
            else city_code
        end as city_code,
        province_code is not null
        and (is_municipality or is_province_only or city_code is not null) as is_resolved
    from codes_matched
)

select * from final
