{#-
    The message for a CSV file that is not valid UTF-8: NUL bytes (UTF-16 without a byte-order
    mark), GBK/GB18030 (every byte >= 0x80 is the lead byte 81-FE of a pair with 40-FE), or
    something else (perhaps Latin-1 / Windows-1252). Reads the file once more; only for a refused
    file.
-#}
{% macro not_utf8_raw_file_message(path, table) %}
    {%- set contract = " (data contract, table " ~ table ~ ")" -%}
    {%- set bytes = run_query(
        "select contains(escaped, '\\x00') as has_nul, not regexp_matches(regexp_replace(escaped, "
        ~ "'\\\\x(8[1-9A-F]|9[0-9A-F]|[A-E][0-9A-F]|F[0-9A-E])(\\\\x[4-9A-F][0-9A-F]|[@-~])', '', 'g'), "
        ~ "'\\\\x[89A-F][0-9A-F]') as looks_gbk "
        ~ "from (select content::varchar as escaped from read_blob('" ~ bdi.sql_text(path) ~ "'))"
    ).rows[0] -%}
    {%- if bytes['has_nul'] -%}
        {{ return("Raw file " ~ path ~ " contains NUL bytes: it looks like UTF-16 without a byte-order "
            ~ "mark" ~ contract ~ ". Save it as UTF-8: in Excel, Save As > 'CSV UTF-8 (Comma delimited)'.") }}
    {%- elif bytes['looks_gbk'] -%}
        {{ return("Raw file " ~ path ~ " is not UTF-8: it is encoded as GBK (GB18030), the encoding Excel "
            ~ "uses for 'CSV (Comma delimited)' on Chinese Windows" ~ contract ~ ". Raw files must be "
            ~ "UTF-8. In Excel, Save As > 'CSV UTF-8 (Comma delimited)', or convert the file: "
            ~ "iconv -f GB18030 -t UTF-8 " ~ path ~ " > " ~ path ~ ".utf8 && mv " ~ path ~ ".utf8 " ~ path) }}
    {%- endif -%}
    {{ return("Raw file " ~ path ~ " is not UTF-8 and not GBK (perhaps Latin-1 / Windows-1252)"
        ~ contract ~ ". Raw files must be UTF-8: in Excel, Save As > 'CSV UTF-8 (Comma "
        ~ "delimited)', or convert the file with iconv.") }}
{% endmacro %}
