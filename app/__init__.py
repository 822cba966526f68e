"""The BDI viewer: a Streamlit app over the public tables of the warehouse."""
