{#-
    Checks the files of every edition with a sound manifest (read_published_manifests) against
    it, and appends one message per damaged file to `problems`, naming the file:
    1. the file exists and its SHA-256 is the manifest's (any changed byte, a truncated or a
       re-saved file fails here);
    2. its header holds every column of layout 1 (models/staging/_published__sources.yml);
    3. it holds the manifest's number of rows, every value of a column reads as the column's
       type, and an `edition` column, where the file has one, holds the directory's edition.
    Three queries in all, whatever the number of editions.
-#}
{% macro check_published_files(editions, tables, problems) %}
    {%- set files = [] -%}
    {%- for edition in editions -%}
        {%- for table in tables if table.file != 'manifest.json' -%}
            {%- set path = edition.path ~ '/' ~ table.file -%}
            {%- set entry = edition.manifest.files[table.file] -%}
            {%- if table.file in edition.files -%}
                {%- do files.append({'path': path, 'edition': edition.edition, 'table': table, 'entry': entry}) -%}
            {%- else -%}
                {%- do problems.append("Published file " ~ path ~ " is missing (its manifest lists it). "
                    ~ bdi.published_file_advice(path, edition.edition)) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- if not files -%}
        {{ return(problems) }}
    {%- endif -%}

    {%- set paths = [] -%}
    {%- for file in files -%}
        {%- do paths.append(file.path) -%}
    {%- endfor -%}
    {%- set digests = {} -%}
    {%- for row in run_query("select filename, sha256(content) as sha256 from read_blob("
        ~ bdi.sql_text_list(paths) ~ ")").rows -%}
        {%- do digests.update({row['filename']: row['sha256']}) -%}
    {%- endfor -%}
    {%- set intact = [] -%}
    {%- for file in files -%}
        {%- if digests[file.path] == file.entry.sha256 -%}
            {%- do intact.append(file) -%}
        {%- else -%}
            {%- do problems.append("Published file " ~ file.path ~ " is damaged: its SHA-256 is "
                ~ digests[file.path] ~ ", its manifest records " ~ file.entry.sha256 ~ ". "
                ~ bdi.published_file_advice(file.path, file.edition)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not intact -%}
        {{ return(problems) }}
    {%- endif -%}

    {%- set headers = [] -%}
    {%- for file in intact -%}
        {%- do headers.append("select '" ~ bdi.sql_text(file.path) ~ "' as path, "
            ~ "to_json([col.name for col in Columns]) as column_names from sniff_csv('"
            ~ bdi.sql_text(file.path) ~ "', header = true, all_varchar = true)") -%}
    {%- endfor -%}
    {%- set found = {} -%}
    {%- for row in run_query(headers | join('\nunion all\n')).rows -%}
        {%- do found.update({row['path']: fromjson(row['column_names'])}) -%}
    {%- endfor -%}
    {%- set readable = [] -%}
    {%- for file in intact -%}
        {%- set missing = [] -%}
        {%- for column in file.table.columns
            if column.name != 'edition' and column.name not in found[file.path] -%}
            {%- do missing.append(column.name) -%}
        {%- endfor -%}
        {%- if missing -%}
            {%- do problems.append("Published file " ~ file.path ~ " lacks column(s) "
                ~ missing | join(', ') ~ " that layout 1 requires (incompatible layout; columns "
                ~ "found: " ~ found[file.path] | join(', ') ~ "). "
                ~ bdi.published_file_advice(file.path, file.edition)) -%}
        {%- else -%}
            {%- do file.update({'has_edition': 'edition' in found[file.path]}) -%}
            {%- do readable.append(file) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not readable -%}
        {{ return(problems) }}
    {%- endif -%}

    {%- set counts = [] -%}
    {%- for file in readable -%}
        {%- set checks = [] -%}
        {%- for column in file.table.columns if column.name != 'edition' or file.has_edition -%}
            {%- set quoted = adapter.quote(column.name) -%}
            {%- set bad = "try_cast(" ~ quoted ~ " as " ~ column.data_type ~ ") is distinct from "
                ~ file.edition if column.name == 'edition'
                else quoted ~ " is not null and try_cast(" ~ quoted ~ " as " ~ column.data_type ~ ") is null" -%}
            {%- do checks.append("case when bool_or(" ~ bad ~ ") then '" ~ column.name ~ "' end") -%}
        {%- endfor -%}
        {%- do counts.append("select '" ~ bdi.sql_text(file.path) ~ "' as path, count(*) as row_count, "
            ~ "to_json([" ~ checks | join(', ') ~ "]::varchar[]) as bad_columns "
            ~ "from " ~ bdi.published_file_reader(file.path)) -%}
    {%- endfor -%}
    {%- set read = {} -%}
    {%- for row in run_query(counts | join('\nunion all\n')).rows -%}
        {%- do read.update({row['path']: row}) -%}
    {%- endfor -%}
    {%- for file in readable -%}
        {%- set row = read[file.path] -%}
        {%- set bad_columns = fromjson(row['bad_columns']) | reject('none') | list -%}
        {%- if row['row_count'] != file.entry.rows -%}
            {%- do problems.append("Published file " ~ file.path ~ " holds " ~ row['row_count']
                ~ " rows, its manifest records " ~ file.entry.rows ~ ". "
                ~ bdi.published_file_advice(file.path, file.edition)) -%}
        {%- elif bad_columns -%}
            {%- do problems.append("Published file " ~ file.path ~ " has values that do not read as "
                ~ "the column's type (or, for edition, are not " ~ file.edition ~ ") in column(s) "
                ~ bad_columns | join(', ') ~ ". " ~ bdi.published_file_advice(file.path, file.edition)) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(problems) }}
{% endmacro %}
