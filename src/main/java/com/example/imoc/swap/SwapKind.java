package com.example.imoc.swap;

public enum SwapKind {

	/** A offers shift X to B in exchange for B's shift Y. */
	SWAP("Swap"),
	/** A gives X (or part of it) to a named person. */
	COVER("Cover"),
	/** A offers X to everyone eligible; the first who takes it gets it. */
	OPEN_COVER("Open cover");

	private final String label;

	SwapKind(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
