"""The floor of the benchmark: the least a Streamlit page can be, one title (`streamlit run` this file)."""

import streamlit as st

st.title("Kembar — Indonesia–China sister regions")
