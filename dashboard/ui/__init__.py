"""The only Dash code: element ids, components, pure figures and the page's sections with their callbacks."""
