import CQ
print("cq")
