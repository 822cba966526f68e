{#-
    Weights of the 3 dimensions within the total (methodology §4), from the dimension scores
    on the 0–1 scale, by the method of var('weighting_method').
-#}
{{ bdi.level_weights(ref('int_dimension_scores_aggregated'), 'node_code', 'unit_score') }}
