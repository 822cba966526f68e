{#-
    Weights of the 6 sub-dimensions within their dimension (methodology §4), from the
    sub-dimension scores on the 0–1 scale, by the method of var('weighting_method').
-#}
{{ bdi.level_weights(ref('int_subdimension_scores_aggregated'), 'node_code', 'unit_score') }}
